import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() name: string;
  @Column('uuid', { nullable: true }) headId: string | null;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
