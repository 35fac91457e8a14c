import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() name: string;
  @Column('text', { array: true }) emails: string[];
  @Column('text', { array: true }) phones: string[];
  @Column({ type: 'varchar', nullable: true }) position: string | null;
  @Column('uuid', { nullable: true }) companyId: string | null;
  @Column('uuid', { nullable: true }) responsibleId: string | null;
  @Column({ type: 'jsonb' }) fields: Record<string, unknown>;
  @Column('text', { array: true }) tags: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
