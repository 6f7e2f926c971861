import type { Message } from '../messages/sender.ts';

/** The texts of the auth flows' messages (tenant-specific templates are a later feature). */
export const texts = {
  passwordReset: (to: string, link: string, token: string): Omit<Message, 'tenantId'> => ({
    channel: 'email',
    to,
    purpose: 'password_reset',
    subject: 'Reset your password',
    text: `Someone asked to reset the password of this account.\n\nSet a new one here (valid 30 minutes, once):\n${link}\n\nReset token: ${token}\n\nIf it was not you, ignore this email; your password stays as it is.`,
  }),
  magicLink: (to: string, link: string, token: string): Omit<Message, 'tenantId'> => ({
    channel: 'email',
    to,
    purpose: 'magic_link',
    subject: 'Your sign-in link',
    text: `Sign in with this link (valid 15 minutes, once):\n${link}\n\nSign-in token: ${token}\n\nIf you did not ask for it, ignore this email.`,
  }),
  emailOtp: (to: string, code: string): Omit<Message, 'tenantId'> => ({
    channel: 'email',
    to,
    purpose: 'email_otp',
    subject: `Your sign-in code: ${code}`,
    text: `Your sign-in code is ${code}. It is valid for 10 minutes.\n\nIf you did not ask for it, ignore this email.`,
  }),
  emailVerify: (to: string, code: string): Omit<Message, 'tenantId'> => ({
    channel: 'email',
    to,
    purpose: 'email_verify',
    subject: `Confirm your email: ${code}`,
    text: `Your confirmation code is ${code}. It is valid for 10 minutes.`,
  }),
  phoneVerify: (to: string, code: string): Omit<Message, 'tenantId'> => ({
    channel: 'sms',
    to,
    purpose: 'phone_verify',
    subject: 'Phone verification',
    text: `Your Qeet ID code is ${code}. It is valid for 10 minutes.`,
  }),
};
