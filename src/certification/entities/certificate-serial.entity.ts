import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last serial number given per tier and year. Issuing bumps it inside the issuing transaction, so
 * concurrent issuers queue on the row and a rolled-back issue gives its number back: serials are gapless.
 */
@Entity('certificate_serial')
export class CertificateSerial {
  @PrimaryColumn({ name: 'tier_code', type: 'varchar', length: 16 })
  tierCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'last_no', type: 'int' })
  lastNo: number;
}
