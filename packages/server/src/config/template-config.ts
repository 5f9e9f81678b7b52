import { Type, type Static } from '@sinclair/typebox';
import { ChannelTypeSchema } from '@parley/protocol/api';
import { approvedTemplateProblems, DEFAULT_CHANNEL_RULES, takesApprovedTemplates, templateProblems, type ChannelType } from '@parley/protocol';
import type { TemplateRecord } from '@parley/storage';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
const TemplateString = Type.String({ maxLength: 2000 });

/** A WhatsApp template approved by Meta, beside a Parley template (see ApprovedTemplate in protocol). */
const ApprovedTemplateConfig = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9_]{1,512}$' }),
    language: Type.String({ pattern: '^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$' }),
    category: Type.Optional(Type.Union([Type.Literal('MARKETING'), Type.Literal('UTILITY'), Type.Literal('AUTHENTICATION')])),
    header: Type.Optional(
      Type.Union([
        Type.Object({ format: Type.Literal('text'), text: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
        Type.Object(
          {
            format: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('document')]),
            url: Type.Optional(Type.String({ pattern: '^https://', maxLength: 2000 })),
            mediaId: Type.Optional(Type.String({ pattern: '^[0-9]{1,64}$' })),
            filename: Type.Optional(Type.String({ minLength: 1, maxLength: 240 })),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
    buttons: Type.Optional(
      Type.Array(
        Type.Object({ subType: Type.Union([Type.Literal('url'), Type.Literal('quick_reply')]), value: TemplateString }, { additionalProperties: false }),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TemplateConfig = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** The picker groups templates by category. */
    category: Type.Optional(Type.String({ maxLength: 100 })),
    channels: Type.Array(ChannelTypeSchema, { minItems: 1 }),
    /** Offered only in these queues (of its channels); absent or empty: in all of them. */
    queues: Type.Optional(Type.Array(Id, { maxItems: 200 })),
    body: Type.String({ minLength: 1, maxLength: 100_000 }),
    locked: Type.Optional(Type.Boolean()),
    /** The WhatsApp template approved by Meta this one is sent as (name, language, header, buttons). */
    providerTemplate: Type.Optional(ApprovedTemplateConfig),
  },
  { additionalProperties: false },
);
export type TemplateConfig = Static<typeof TemplateConfig>;

/**
 * What is wrong with a template beyond its shape: unknown placeholders, queues that don't exist or
 * are of another channel, an approved template on channels none of which take them.
 */
export function templateConfigProblems(t: TemplateConfig, queueChannel: (id: string) => string | undefined): string[] {
  const where = `template "${t.id}"`;
  const problems = templateProblems(t.body).map((p) => `${where}: ${p}`);
  for (const q of t.queues ?? []) {
    const channel = queueChannel(q);
    if (!channel) problems.push(`${where} names unknown queue "${q}"`);
    else if (!t.channels.includes(channel as ChannelType)) problems.push(`${where} names queue "${q}" of channel ${channel}, not one of its channels`);
  }
  if (t.providerTemplate) {
    problems.push(...approvedTemplateProblems(t.providerTemplate).map((p) => `${where}: ${p}`));
    if (!t.channels.some((c) => takesApprovedTemplates(DEFAULT_CHANNEL_RULES[c]))) {
      problems.push(`${where}: none of its channels sends provider-approved templates (WhatsApp does)`);
    }
  }
  return problems;
}

export function templateRecord(t: TemplateConfig, position: number): TemplateRecord {
  return {
    id: t.id,
    name: t.name,
    category: t.category ?? '',
    channels: t.channels,
    queues: t.queues ?? [],
    body: t.body,
    locked: t.locked ?? false,
    position,
    providerTemplate: t.providerTemplate ?? null,
  };
}
