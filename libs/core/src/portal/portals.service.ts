import { Injectable } from '@nestjs/common';
import { ConflictError, ValidationFailedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Db } from '../database/db';
import { hashPassword } from '../identity/auth/passwords';
import { UserEntity } from '../identity/users/user.entity';
import { CreatePortalDto } from './dto/create-portal.dto';
import { PortalEntity } from './portal.entity';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

@Injectable()
export class PortalsService {
  constructor(private readonly db: Db) {}

  /** Sign-up: the portal and its first admin, together. */
  async create(dto: CreatePortalDto): Promise<{ portal: PortalEntity; admin: UserEntity }> {
    const timezone = dto.timezone ?? 'Europe/Kyiv';
    if (!isTimeZone(timezone)) throw ValidationFailedError.field('timezone', `"${timezone}" is not an IANA time zone`);
    const passwordHash = await hashPassword(dto.admin.password);
    return this.db.transaction(async (em) => {
      const taken = await em.query(`SELECT 1 FROM portals WHERE lower(slug) = lower($1)`, [dto.slug]);
      if (taken.length) throw new ConflictError('slug_taken', `The address "${dto.slug}" is taken`, [{ field: 'slug' }]);
      const portal = await em.getRepository(PortalEntity).save(
        em.getRepository(PortalEntity).create({
          slug: dto.slug,
          name: dto.name.trim(),
          locale: dto.locale ?? 'en',
          timezone,
          sandbox: dto.sandbox ?? false,
          clockNow: dto.sandbox ? new Date() : null,
          workingHours: null,
          settings: {},
        }),
      );
      const admin = await RequestContext.asPortal(portal.id, () =>
        em.getRepository(UserEntity).save(
          em.getRepository(UserEntity).create({
            portalId: portal.id,
            email: dto.admin.email.trim().toLowerCase(),
            name: dto.admin.name.trim(),
            passwordHash,
            roles: ['admin'],
            departmentId: null,
            locale: null,
            active: true,
            deletedAt: null,
          }),
        ),
      );
      return { portal, admin };
    }).catch((err) => {
      if ((err as { code?: string }).code === '23505') throw new ConflictError('slug_taken', `The address "${dto.slug}" is taken`, [{ field: 'slug' }]);
      throw err;
    });
  }

  findBySlug(slug: string): Promise<PortalEntity | null> {
    return this.db.manager.getRepository(PortalEntity).createQueryBuilder('p').where('lower(p.slug) = lower(:slug)', { slug }).getOne();
  }

  get(id: string): Promise<PortalEntity | null> {
    return this.db.manager.getRepository(PortalEntity).findOne({ where: { id } });
  }
}
