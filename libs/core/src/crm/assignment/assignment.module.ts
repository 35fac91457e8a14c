import { Global, Module } from '@nestjs/common';
import { AssignmentStrategies } from './assignment-strategies';

/** Assignment strategies, shared by deals (a pipeline's `assignment`) and automation rules. */
@Global()
@Module({ providers: [AssignmentStrategies], exports: [AssignmentStrategies] })
export class AssignmentModule {}
