import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { HttpSmsSender } from './drivers/http.sms-sender';
import { NotConfiguredEmailSender } from './drivers/not-configured.email-sender';
import { NotConfiguredSmsSender } from './drivers/not-configured.sms-sender';
import { SmtpEmailSender } from './drivers/smtp.email-sender';
import { EMAIL_SENDER } from './email-sender.port';
import type { EmailSender } from './email-sender.port';
import { SMS_SENDER } from './sms-sender.port';
import type { SmsSender } from './sms-sender.port';

@Global()
@Module({
  providers: [
    {
      provide: EMAIL_SENDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EmailSender => (config.smtpUrl ? new SmtpEmailSender(config.smtpUrl, config.publicUrl) : new NotConfiguredEmailSender()),
    },
    {
      provide: SMS_SENDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SmsSender => (config.smsGatewayUrl ? new HttpSmsSender(config.smsGatewayUrl) : new NotConfiguredSmsSender()),
    },
  ],
  exports: [EMAIL_SENDER, SMS_SENDER],
})
export class MessagingModule {}
