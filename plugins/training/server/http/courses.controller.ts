import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import type { Response } from 'express';
import { CoursesService } from '../content/courses.service';
import { LearningService } from '../learning/learning.service';

@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
@PluginRoute('training')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly learning: LearningService,
  ) {}

  @Get('courses')
  @ApiOperation({ summary: 'The catalogue: ?q= (full-text: uk/ru/en word forms) &role= &assigned=true &includeArchived=true (admins) &limit= &cursor=' })
  list(@Query() q: Record<string, unknown>) {
    return this.courses.list(q);
  }

  @Get('courses/:id')
  @ApiOperation({
    summary:
      'A course (by id or code) with its lessons, its tests with their questions and the caller’s progress; never the correct answers. Showing a timed test’s questions starts its attempt (the clock runs from then); `?questions=false` leaves them out and starts nothing',
  })
  get(@Param('id') id: string, @Query('questions') questions?: string) {
    return this.courses.get(id, { questions: questions !== 'false' });
  }

  @Get('courses/:id/edit')
  @ApiOperation({ summary: 'The authoring view: the course with every question and its correct flags (admins)' })
  edit(@Param('id') id: string) {
    return this.courses.editView(id);
  }

  @Post('courses')
  @HttpCode(201)
  @ApiOperation({ summary: 'Author a course (admins): {title, summary?, roles?, code?, locale?, lessons: [...], tests?: [...]}' })
  create(@Body() body: unknown) {
    return this.courses.create(body);
  }

  @Put('courses/:id')
  @ApiOperation({ summary: 'Replace a course’s content (admins); items carrying their id are kept, with the progress on them' })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.courses.update(id, body);
  }

  @Delete('courses/:id')
  @ApiOperation({ summary: 'Archive a course (admins): hidden from the catalogue; progress and certificates stay' })
  archive(@Param('id') id: string) {
    return this.courses.archive(id);
  }

  @Post('courses/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived course back into the catalogue (admins)' })
  restore(@Param('id') id: string) {
    return this.courses.restore(id);
  }

  @Post('lessons/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a lesson done (idempotent) → {lessonId, courseId, done, lessonsDone, lessonsTotal, passed, certificateId}' })
  complete(@Param('id') id: string) {
    return this.learning.completeLesson(id);
  }

  @Post('tests/:id/start')
  @ApiOperation({ summary: 'Start an attempt (201; questions shuffled, without answers) or get the open one back (200); 422 no_attempts_left' })
  async start(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { resumed, attempt } = await this.learning.start(id);
    res.status(resumed ? 200 : 201);
    return { ...attempt, resumed };
  }

  @Post('tests/:id/attempts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit answers {answers: [{questionId, choiceIds}], attemptId?} → the grade with the correct answers; 422 time_limit_exceeded | no_attempts_left' })
  submit(@Param('id') id: string, @Body() body: unknown) {
    return this.learning.submit(id, body);
  }
}
