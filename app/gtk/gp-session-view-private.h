/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gp-session-view.h"

G_BEGIN_DECLS

/* What this visit of the current step has seen so far, read from the session's events
 * (the session is the only source: a peer's actions count the same as ours). */
typedef struct {
  guint64    entered_seq;   /* the step-entered event that began this visit */
  GpFailure *open_failure;  /* reported, not yet recovered from */
  guint64    checks_passed; /* bit i: check i passed */
  gboolean   why_shown;
  /* and of the whole session */
  gboolean   escalated;
  gboolean   satisfaction_recorded;
} GpVisit;

void     gp_session_view_read_visit (GpSession *session,
                                     GpVisit   *visit);
/* Who acts from this screen: the agent, the customer on their own, or the trainer. */
GpActor  gp_session_view_actor_for  (GpSession *session);
gboolean gp_session_view_is_self_service (GpSession *session);
/* "About 5 minutes" */
char    *gp_session_view_format_minutes (double minutes);

G_END_DECLS
