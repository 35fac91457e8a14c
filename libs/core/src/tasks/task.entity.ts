import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column({ type: 'varchar', nullable: true }) code: string | null;
  @Column() title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column('uuid') assigneeId: string;
  @Column('uuid', { nullable: true }) dealId: string | null;
  @Column({ type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'varchar' }) status: 'open' | 'done';
  @Column('text', { array: true }) resultOptions: string[];
  @Column({ type: 'varchar', nullable: true }) result: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'int', nullable: true }) estimateMinutes: number | null;
  @Column({ type: 'varchar' }) createdBy: 'user' | 'automation';
  @Column('uuid', { nullable: true }) creatorId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
