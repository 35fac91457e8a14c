import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ select: true }) passwordHash: string;
  @Column('text', { array: true }) roles: string[];
  @Column('uuid', { nullable: true }) departmentId: string | null;
  @Column({ type: 'varchar', nullable: true }) locale: string | null;
  @Column() active: boolean;
  @Column({ type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
