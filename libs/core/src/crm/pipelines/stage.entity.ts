import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StageKind = 'open' | 'won' | 'lost';

export interface StageRules {
  requiredFields?: string[];
  noOpenTasks?: boolean;
  /** Codes of stage guards plugins contribute (libs/core/src/extensions), checked in this order. */
  guards?: string[];
}

@Entity('stages')
export class StageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') portalId: string;
  @Column('uuid') pipelineId: string;
  @Column() code: string;
  @Column() name: string;
  @Column('int') position: number;
  @Column({ type: 'varchar' }) kind: StageKind;
  @Column({ type: 'jsonb' }) rules: StageRules;
}
