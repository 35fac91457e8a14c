import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('files')
export class FileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() entity: string;
  @Column('uuid') entityId: string;
  /** The original name, Unicode kept as uploaded. */
  @Column() name: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size: number;
  @Column({ type: 'varchar', nullable: true }) mime: string | null;
  @Column() storageKey: string;
  @Column({ type: 'varchar', nullable: true }) sha256: string | null;
  @Column('uuid', { nullable: true }) uploadedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
