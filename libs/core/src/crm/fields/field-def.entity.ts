import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FieldEntityKind = 'deal' | 'contact' | 'company';

/** A sub-field of a group; groups do not nest. */
export interface SubFieldDef {
  code: string;
  name: string;
  type: string;
  options?: string[];
  required?: boolean;
}

@Entity('field_defs')
export class FieldDefEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column({ type: 'varchar' }) entity: FieldEntityKind;
  @Column() code: string;
  @Column() name: string;
  @Column() type: string;
  @Column({ type: 'jsonb', nullable: true }) options: string[] | null;
  @Column() required: boolean;
  @Column() repeatable: boolean;
  @Column({ type: 'jsonb', nullable: true }) fields: SubFieldDef[] | null;
  @Column('int') position: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
