import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';

export interface TokenClaims {
  sub: string;
  portal: string;
}

@Injectable()
export class TokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  issue(claims: TokenClaims): string {
    return jwt.sign(claims, this.config.jwtSecret, { algorithm: 'HS256', expiresIn: '12h' });
  }

  verify(token: string): TokenClaims | null {
    try {
      const c = jwt.verify(token, this.config.jwtSecret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      if (typeof c.sub !== 'string' || typeof c['portal'] !== 'string') return null;
      return { sub: c.sub, portal: c['portal'] };
    } catch {
      return null;
    }
  }
}
