import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('deals')
export class DealEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() title: string;
  @Column('uuid') pipelineId: string;
  @Column('uuid') stageId: string;
  /** numeric(14,2): pg returns a string, and it stays a string (never a float). */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) budget: string | null;
  @Column() currency: string;
  @Column('uuid', { nullable: true }) responsibleId: string | null;
  @Column('uuid', { nullable: true }) companyId: string | null;
  @Column({ type: 'jsonb' }) fields: Record<string, unknown>;
  @Column('text', { array: true }) tags: string[];
  @Column({ type: 'varchar', nullable: true }) lostReason: string | null;
  @Column({ type: 'timestamptz' }) stageEnteredAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('deal_contacts')
export class DealContactEntity {
  @Column('uuid', { primary: true }) dealId: string;
  @Column('uuid', { primary: true }) contactId: string;
  @Column('uuid') portalId: string;
  @Column('int') position: number;
}
