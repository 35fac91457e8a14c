import { Test } from '@nestjs/testing';
import type { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { HttpSmsSender } from './drivers/http.sms-sender';
import { SmtpEmailSender } from './drivers/smtp.email-sender';
import { EMAIL_SENDER, type EmailSender } from './email-sender.port';
import { MessagingModule } from './messaging.module';
import { SMS_SENDER, type SmsSender } from './sms-sender.port';

async function senders(config: Partial<AppConfig>): Promise<{ email: EmailSender; sms: SmsSender }> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot({ publicUrl: 'http://localhost:3000', smtpUrl: null, smsGatewayUrl: null, ...config } as AppConfig), MessagingModule],
  }).compile();
  return { email: moduleRef.get(EMAIL_SENDER), sms: moduleRef.get(SMS_SENDER) };
}

describe('MessagingModule', () => {
  it('binds not-configured drivers when the URLs are unset', async () => {
    const { email, sms } = await senders({});
    expect(email.configured).toBe(false);
    expect(sms.configured).toBe(false);
  });

  it('binds the SMTP and TurboSMS drivers when the URLs are set', async () => {
    const { email, sms } = await senders({ smtpUrl: 'smtp://127.0.0.1:2525', smsGatewayUrl: 'https://tok@api.turbosms.ua/' });
    expect(email).toBeInstanceOf(SmtpEmailSender);
    expect(sms).toBeInstanceOf(HttpSmsSender);
  });
});
