import * as z from 'zod';

/**
 * An email address as the system keeps it: trimmed and lower-cased (addresses are compared, e.g. a sender
 * against the designated Jobcentre Plus SPoCs, and the domain part is case-blind), then checked by zod's
 * email rule. The one schema for every address: configuration, staff actions, scenarios, deployment settings.
 */
export const emailAddress = z.string().trim().toLowerCase().pipe(z.email());
