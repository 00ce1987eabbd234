/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gp-end-page.h"
#include "gp-intake-page.h"
#include "gp-session-view.h"
#include "gp-step-view.h"

G_BEGIN_DECLS

struct _GpSessionView
{
  AdwBin          parent_instance;

  GpFlow         *flow;
  GpJournal      *journal;
  GpSession      *session;
  gulong          event_handler;
  char           *title;
  gboolean        wrapping_up;   /* the end page shown before the session ends */
  GtkWidget      *dialog;       /* weak */
  AdwToast       *toast;        /* weak: the last one, dismissed when another session shows */

  AdwToastOverlay *toast_overlay;
  GtkStack       *stack;
  GpIntakePage   *intake_page;
  GpStepView     *step_view;
  GpEndPage      *end_page;

  /* Co-browse (gp-session-view-cobrowse.c): hosting this session, or showing a host's
   * session as a peer (remote: every action becomes a request). */
  GpCobrowseHost *host;
  GpCobrowsePeer *remote;
  /* Where the remote peer's place is kept, so that it can come back after Guidepost
   * stopped (gp_cobrowse_peer_save_state_file()); NULL: not kept. */
  char           *remote_state_path;
  gboolean        remote_state_failed;
  GtkWidget      *share_window;  /* weak */
  GHashTable     *cobrowse_dialogs; /* GtkWindow → nothing: knocks and consents open now */
  GtkRevealer    *connection_revealer;
  GtkLabel       *connection_label;
  GtkRevealer    *cobrowse_revealer;
  GtkLabel       *cobrowse_label;
  GtkWidget      *driver_button;
  GtkToggleButton *point_button;
  GtkWidget      *share_button;

  /* Training (gp-session-view-training.c): a scenario the trainee plays as the agent,
   * chosen before the session, played by the run once the session exists. */
  GpScenario     *scenario;
  GpScenarioRun   scenario_run;
  GpTrainingRun  *training_run;
};


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

/* Set on a mirror session shown to a co-browsing customer: customer wording throughout. */
#define GP_SESSION_VIEW_CUSTOMER_KEY "gp-customer-view"
/* Set on a classroom trainee's mirror: the agent's view, without the fault console. */
#define GP_SESSION_VIEW_TRAINEE_KEY "gp-trainee-view"

/* gp-session-view.c, for gp-session-view-cobrowse.c */
void     gp_session_view_toast        (GpSessionView *self,
                                       const char    *text);
void     gp_session_view_update       (GpSessionView *self);
void     gp_session_view_report       (GpSessionView *self,
                                       GError        *error);
gboolean gp_session_view_is_open      (GpSessionView *self);
void     gp_session_view_show_dialog  (GpSessionView *self,
                                       GtkWidget     *dialog);
GtkWindow *gp_session_view_parent_window (GpSessionView *self);
/* Makes the offers due on entering the current step (after a peer's request moved on). */
void     gp_session_view_present_entered (GpSessionView *self);

/* gp-session-view-cobrowse.c */
void     gp_session_view_cobrowse_class_init (GtkWidgetClass *widget_class);
/* gp-session-view-ending.c: escalation, complaint, wrap-up, end, satisfaction, help */
void     gp_session_view_ending_class_init   (GtkWidgetClass *widget_class);
void     gp_session_view_cobrowse_dispose    (GpSessionView  *self);
/* When remote: sends @action with @args (taken) to the host; a refusal becomes a toast. */
void     gp_session_view_request      (GpSessionView *self,
                                       const char    *action,
                                       JsonObject    *args);
/* Which "session." actions a remote view may use, for its role. */
gboolean gp_session_view_remote_allows (GpSessionView *self,
                                        const char    *action);
void     gp_session_view_update_cobrowse (GpSessionView *self);

/* gp-session-view-training.c */
void     gp_session_view_training_class_init (GtkWidgetClass *widget_class);
/* Attaches the chosen scenario's run to @session, just created (before set_session);
 * a refusal becomes a toast and the session goes on unscored. */
void     gp_session_view_training_attach  (GpSessionView *self,
                                           GpSession     *session);
/* Shows the run (or none) in the pages, when the session shown changes. */
void     gp_session_view_training_show    (GpSessionView *self);
void     gp_session_view_training_dispose (GpSessionView *self);
void     gp_session_view_set_title        (GpSessionView *self,
                                           const char    *title);

/* gp-session-view.c: the host came or went (the "sharing" property). */
void     gp_session_view_notify_sharing (GpSessionView *self);

G_END_DECLS
