import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  list(@Query() q: { unread?: string; limit?: string; cursor?: string }) {
    return this.notifications.listMine(q);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@Param('id') id: string) {
    return this.notifications.markRead(id);
  }
}
