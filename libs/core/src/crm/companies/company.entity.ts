import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('companies')
export class CompanyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() name: string;
  @Column({ type: 'varchar', nullable: true }) taxId: string | null;
  @Column('text', { array: true }) emails: string[];
  @Column('text', { array: true }) phones: string[];
  @Column({ type: 'varchar', nullable: true }) web: string | null;
  @Column({ type: 'varchar', nullable: true }) address: string | null;
  @Column('uuid', { nullable: true }) responsibleId: string | null;
  @Column({ type: 'jsonb' }) fields: Record<string, unknown>;
  @Column('text', { array: true }) tags: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
