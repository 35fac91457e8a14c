import { UserEntity } from './user.entity';

export function userView(u: UserEntity) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    departmentId: u.departmentId,
    locale: u.locale,
    active: u.active,
    createdAt: u.createdAt?.toISOString(),
  };
}
