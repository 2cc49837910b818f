import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Media } from './entities/media.entity';

@Injectable()
export class MediaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  insert(media: Omit<Media, 'createdAt'>): Promise<Media> {
    const repo = this.ds.getRepository(Media);
    return repo.save(repo.create(media));
  }

  findById(id: string): Promise<Media | null> {
    return this.ds.getRepository(Media).findOneBy({ id });
  }
}
