import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('portals')
export class PortalEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() slug: string;
  @Column() name: string;
  @Column() locale: string;
  @Column() timezone: string;
  @Column() sandbox: boolean;
  /** The sandbox's test clock; null on live portals. */
  @Column({ type: 'timestamptz', nullable: true }) clockNow: Date | null;
  @Column({ type: 'jsonb', nullable: true }) workingHours: Record<string, unknown> | null;
  @Column({ type: 'jsonb' }) settings: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
