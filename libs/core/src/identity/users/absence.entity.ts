import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('absences')
export class AbsenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column('uuid') userId: string;
  @Column({ type: 'date', name: 'from_date' }) from: string;
  @Column({ type: 'date', name: 'to_date' }) to: string;
  @Column() reason: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
