import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** No token needed (sign-up, login, health, public forms). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** The caller must hold one of these roles (admin always passes). */
export const Roles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);
