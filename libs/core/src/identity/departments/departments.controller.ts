import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { DepartmentEntity } from './department.entity';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, UpdateDepartmentDto } from './dto/department.dto';

const view = (d: DepartmentEntity) => ({ id: d.id, name: d.name, headId: d.headId, parentId: d.parentId, createdAt: d.createdAt.toISOString() });

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  async list() {
    return { items: (await this.departments.list()).map(view), nextCursor: null };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return view(await this.departments.get(id));
  }

  @Roles('admin')
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateDepartmentDto) {
    return view(await this.departments.create(dto));
  }

  @Roles('admin')
  @Patch(':id')
  async update(@Param('id') id: string, @Body() dto: UpdateDepartmentDto) {
    return view(await this.departments.update(id, dto));
  }
}
