import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { type AuthUser, CurrentUser, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto/identity.dto';
import { toUserView, UserView } from './identity.views';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for a short-lived bearer token' })
  async login(@Body() dto: LoginDto, @Req() req: Request): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: UserView }> {
    const { accessToken, expiresIn, user } = await this.auth.login(dto.username, dto.password, req.ip ?? 'unknown');
    return { accessToken, tokenType: 'Bearer', expiresIn, user: toUserView(user) };
  }

  @Roles('student', 'trainer', 'admin')
  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return toUserView(await this.auth.me(user.id));
  }

  @Roles('student', 'trainer', 'admin')
  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user.id, dto.currentPassword, dto.newPassword);
  }
}
