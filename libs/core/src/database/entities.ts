import { DealContactEntity, DealEntity } from '../crm/deals/deal.entity';
import { CompanyEntity } from '../crm/companies/company.entity';
import { ContactEntity } from '../crm/contacts/contact.entity';
import { FieldDefEntity } from '../crm/fields/field-def.entity';
import { FileEntity } from '../crm/files/file.entity';
import { NoteEntity } from '../crm/notes/note.entity';
import { PipelineEntity } from '../crm/pipelines/pipeline.entity';
import { StageEntity } from '../crm/pipelines/stage.entity';
import { TimelineEntryEntity } from '../crm/timeline/timeline-entry.entity';
import { OutboxEventEntity } from '../events/outbox-event.entity';
import { DepartmentEntity } from '../identity/departments/department.entity';
import { AbsenceEntity } from '../identity/users/absence.entity';
import { UserEntity } from '../identity/users/user.entity';
import { NotificationEntity } from '../identity/notifications/notification.entity';
import { PortalEntity } from '../portal/portal.entity';
import { TaskEntity } from '../tasks/task.entity';

export const coreEntities = [
  PortalEntity,
  UserEntity,
  DepartmentEntity,
  AbsenceEntity,
  PipelineEntity,
  StageEntity,
  FieldDefEntity,
  CompanyEntity,
  ContactEntity,
  DealEntity,
  DealContactEntity,
  NoteEntity,
  FileEntity,
  TimelineEntryEntity,
  TaskEntity,
  OutboxEventEntity,
  NotificationEntity,
];
