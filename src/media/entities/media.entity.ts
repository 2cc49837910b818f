import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Container } from '@lms/media-probe';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** An uploaded video: immutable once stored (a new upload is a new media row and a new object). */
@Entity('media')
export class Media {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Where the storage driver keeps the bytes. */
  @Column({ name: 'storage_key', type: 'varchar', length: 300, unique: true })
  storageKey: string;

  @Column({ type: 'varchar', length: 8 })
  container: Container;

  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  /** Read from the container (mvhd / mdhd / EBML Info), never from the client. */
  @Column({ name: 'duration_seconds', type: 'double precision' })
  durationSeconds: number;

  /** Hex SHA-256 of the bytes; the strong ETag of the stream. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'original_name', type: 'varchar', length: 255, default: '' })
  originalName: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
