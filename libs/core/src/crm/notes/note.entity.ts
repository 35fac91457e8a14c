import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notes')
export class NoteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column() entity: string;
  @Column('uuid') entityId: string;
  @Column('text') text: string;
  @Column() pinned: boolean;
  @Column('uuid', { nullable: true }) authorId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
