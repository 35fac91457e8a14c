import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('timeline')
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() entity: string;
  @Column('uuid') entityId: string;
  @Column() kind: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column({ type: 'timestamptz', insert: false }) createdAt: Date;
}
