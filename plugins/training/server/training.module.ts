import { Module } from '@nestjs/common';
import { CertificatesService } from './certificates/certificates.service';
import { CoursesService } from './content/courses.service';
import { CertificatesController, VerifyController } from './http/certificates.controller';
import { CoursesController } from './http/courses.controller';
import { ProgramsController } from './http/programs.controller';
import { LearningService } from './learning/learning.service';
import { ProgramsService } from './programs/programs.service';
import { TrainingSweeper } from './programs/training-sweeper';
import { TrainingContext } from './training-context';

/** Courses and search, learning and tests, programs and progress, certificates of the training plugin. */
@Module({
  controllers: [VerifyController, CoursesController, ProgramsController, CertificatesController],
  providers: [TrainingContext, CoursesService, LearningService, ProgramsService, CertificatesService, TrainingSweeper],
})
export class TrainingModule {}
