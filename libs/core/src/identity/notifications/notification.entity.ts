import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationLevel = 'info' | 'warning' | 'critical';

@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column('uuid') userId: string;
  @Column() kind: string;
  @Column({ type: 'varchar' }) level: NotificationLevel;
  @Column('text') text: string;
  @Column('uuid', { nullable: true }) dealId: string | null;
  @Column({ type: 'varchar', nullable: true }) dedupeKey: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
}
