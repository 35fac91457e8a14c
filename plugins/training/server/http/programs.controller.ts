import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRoute } from '@portal/plugin-sdk';
import { ProgramsService } from '../programs/programs.service';

@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
@PluginRoute('training')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get('progress')
  @ApiOperation({ summary: 'Per course (assigned or started): the caller’s own, or ?userId= for admins and the person’s heads; &courseId=' })
  progress(@Query() q: Record<string, unknown>) {
    return this.programs.progress(q);
  }

  @Get('team-progress')
  @ApiOperation({ summary: 'Admins and heads: their people’s courses, overdue first: ?departmentId= &overdue=true &courseId= &userId=' })
  team(@Query() q: Record<string, unknown>) {
    return this.programs.teamProgress(q);
  }

  @Post('assignments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Assign a course {courseId, role? | departmentId? | userId?, dueAt} (admins; heads for their people)' })
  assign(@Body() body: unknown) {
    return this.programs.assign(body);
  }

  @Get('assignments')
  @ApiOperation({ summary: 'Assignments with how many are enrolled, passed, overdue: ?courseId= &limit= &cursor=' })
  list(@Query() q: Record<string, unknown>) {
    return this.programs.listAssignments(q);
  }

  @Delete('assignments/:id')
  @ApiOperation({ summary: 'Remove an assignment (its enrolments go; progress and certificates stay)' })
  remove(@Param('id') id: string) {
    return this.programs.unassign(id);
  }
}
