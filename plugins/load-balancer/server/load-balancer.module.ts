import { Module } from '@nestjs/common';
import { LoadsController } from './loads.controller';

@Module({ controllers: [LoadsController] })
export class LoadBalancerModule {}
