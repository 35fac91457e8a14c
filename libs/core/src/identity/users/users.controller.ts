import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { CreateAbsenceDto, CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { AbsenceEntity } from './absence.entity';
import { userView } from './user.view';
import { UsersService } from './users.service';

const absenceView = (a: AbsenceEntity) => ({ id: a.id, userId: a.userId, from: a.from, to: a.to, reason: a.reason, createdAt: a.createdAt.toISOString() });

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiQuery({ name: 'active', required: false })
  @ApiQuery({ name: 'departmentId', required: false })
  @ApiQuery({ name: 'role', required: false })
  @ApiQuery({ name: 'q', required: false })
  async list(@Query() q: { active?: string; departmentId?: string; role?: string; q?: string }) {
    return { items: (await this.users.list(q)).map(userView), nextCursor: null };
  }

  @Roles('admin')
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateUserDto) {
    return userView(await this.users.create(dto));
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return userView(await this.users.get(id));
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() dto: UpdateUserDto) {
    return userView(await this.users.update(id, dto));
  }

  @Roles('admin')
  @Delete(':id')
  @ApiQuery({ name: 'transferTo', required: true })
  async remove(@Param('id') id: string, @Query('transferTo') transferTo?: string) {
    return { id, deleted: true, transferTo, ...(await this.users.remove(id, transferTo)) };
  }

  @Roles('admin', 'head')
  @Post(':id/absences')
  @HttpCode(201)
  async addAbsence(@Param('id') id: string, @Body() dto: CreateAbsenceDto) {
    return absenceView(await this.users.addAbsence(id, dto));
  }

  @Get(':id/absences')
  async absences(@Param('id') id: string) {
    return { items: (await this.users.listAbsences(id)).map(absenceView), nextCursor: null };
  }

  @Roles('admin', 'head')
  @Delete(':id/absences/:absenceId')
  @HttpCode(204)
  async removeAbsence(@Param('id') id: string, @Param('absenceId') absenceId: string) {
    await this.users.removeAbsence(id, absenceId);
  }
}
