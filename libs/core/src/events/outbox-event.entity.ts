import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('outbox')
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') portalId: string;
  @Column() type: string;
  @Column() aggregate: string;
  @Column('uuid') aggregateId: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'timestamptz', insert: false }) createdAt: Date;
  /** When the change happened on the portal's clock (a sandbox's test clock). */
  @Column({ type: 'timestamptz', nullable: true }) occurredAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) dispatchedAt: Date | null;
}
