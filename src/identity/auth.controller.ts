import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { type AuthUser, CurrentUser, PasswordChangeExempt, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshTokenDto } from './dto/identity.dto';
import { toUserView, UserView } from './identity.views';
import type { ClientInfo, TokenPair } from './sessions.service';
import { ApiErrors } from '../common/openapi';
import { IdentityErrorCode } from './identity.errors';
import { LoginAnswerView, TokenPairView } from './identity.views';

export type LoginAnswer = Omit<TokenPair, 'sessionId'> & { user: UserView };

function clientOf(req: Request): ClientInfo & { ip: string } {
  return { ip: req.ip ?? 'unknown', userAgent: req.headers['user-agent'] ?? null };
}

function toLoginAnswer(pair: TokenPair & { user: Parameters<typeof toUserView>[0] }): LoginAnswer {
  const { sessionId: _sessionId, user, ...tokens } = pair;
  return { ...tokens, user: toUserView(user) };
}

function toPairAnswer(pair: TokenPair): Omit<TokenPair, 'sessionId'> {
  const { sessionId: _sessionId, ...tokens } = pair;
  return tokens;
}

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiErrors({ 401: [IdentityErrorCode.InvalidCredentials], 403: [IdentityErrorCode.AccountDisabled], 429: [IdentityErrorCode.LoginThrottled] })
  @ApiResponse({ status: 200, type: LoginAnswerView })
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange username and password for a short-lived access token and a refresh token (a new login)' })
  async login(@Body() dto: LoginDto, @Req() req: Request): Promise<LoginAnswer> {
    return toLoginAnswer(await this.auth.login(dto.username, dto.password, clientOf(req)));
  }

  @ApiErrors({ 401: [IdentityErrorCode.InvalidRefreshToken] })
  @ApiResponse({ status: 200, type: TokenPairView })
  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange a refresh token for a new access and refresh token; the old refresh token is retired (presenting it again ends the login)' })
  async refresh(@Body() dto: RefreshTokenDto): Promise<Omit<TokenPair, 'sessionId'>> {
    return toPairAnswer(await this.auth.refresh(dto.refreshToken));
  }

  @Public()
  @ApiResponse({ status: 204, description: 'Done; no body' })
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the login a refresh token belongs to; its access tokens stop working' })
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @ApiErrors({ 404: [IdentityErrorCode.UserNotFound] })
  @Roles('student', 'trainer', 'admin')
  @PasswordChangeExempt()
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: UserView })
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  async me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return toUserView(await this.auth.me(user.id));
  }

  @ApiErrors({ 400: [IdentityErrorCode.WrongPassword], 403: [IdentityErrorCode.AccountDisabled], 404: [IdentityErrorCode.UserNotFound], 429: [IdentityErrorCode.LoginThrottled] })
  @ApiResponse({ status: 200, type: LoginAnswerView })
  @Roles('student', 'trainer', 'admin')
  @PasswordChangeExempt()
  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Change the password; every login of the account ends and a fresh one is answered' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<LoginAnswer> {
    return toLoginAnswer(await this.auth.changePassword(user, dto.currentPassword, dto.newPassword, clientOf(req)));
  }
}
