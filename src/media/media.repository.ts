import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Media } from './entities/media.entity';

@Injectable()
export class MediaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  insert(media: Omit<Media, 'createdAt'>): Promise<Media> {
    const repo = this.ds.getRepository(Media);
    return repo.save(repo.create(media));
  }

  /** The oldest media of that name that the system imported itself (no uploader). */
  findImported(originalName: string): Promise<Media | null> {
    return this.ds.getRepository(Media).findOne({ where: { originalName, uploadedBy: IsNull() }, order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<Media | null> {
    return this.ds.getRepository(Media).findOneBy({ id });
  }
}
