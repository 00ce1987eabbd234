/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/guidepost.h>

G_BEGIN_DECLS

/* Events in the user's words, for timelines. */

/* Returns: (transfer none): "Agent", "Customer", "Trainer" or "System" */
const char *gp_actor_describe (GpActor  actor);
/* @flow: (nullable): gives step titles, failure symptoms and offer titles (ids without it)
 * Returns: (transfer full): one sentence, e.g. “Customer revealed hint 2 on “Sign in”” */
char       *gp_event_describe (GpEvent *event,
                               GpFlow  *flow);
/* Returns: (transfer full): @offset_us as "+01:23" (or "+1:02:03" past an hour) */
char       *gp_format_offset  (gint64   offset_us);

G_END_DECLS
