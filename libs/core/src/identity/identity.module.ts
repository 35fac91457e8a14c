import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PortalsController } from '../portal/portals.controller';
import { PortalsService } from '../portal/portals.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthUserCache } from './auth/auth-user.cache';
import { LoginThrottle } from './auth/login-throttle';
import { TokenService } from './auth/token.service';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsRepository, DepartmentsService } from './departments/departments.service';
import { RolesController } from './roles.controller';
import { UsersController } from './users/users.controller';
import { AbsencesRepository, UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsRepository, NotificationsService } from './notifications/notifications.service';

/** Portals (tenants), sign-up, login, users, departments, absences — and the guard that scopes requests. */
@Global()
@Module({
  controllers: [PortalsController, AuthController, UsersController, RolesController, DepartmentsController, NotificationsController],
  providers: [
    PortalsService,
    TokenService,
    AuthUserCache,
    LoginThrottle,
    UsersRepository,
    AbsencesRepository,
    UsersService,
    DepartmentsRepository,
    DepartmentsService,
    NotificationsRepository,
    NotificationsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [NotificationsService, PortalsService, TokenService, UsersRepository, UsersService, DepartmentsRepository, DepartmentsService, AbsencesRepository],
})
export class IdentityModule {}
