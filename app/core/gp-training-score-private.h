/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-event.h>
#include <guidepost/gp-flow.h>

#include "gp-training-private.h"

G_BEGIN_DECLS

/* The rules of docs/scenario-format.md ("Scoring") over one session's events, shared by
 * gp-training-score.c (the score, its deductions) and gp-training-score-rules.c (a
 * verdict per piece of expected practice). */

typedef struct {
  guint       report;     /* index of the failure-reported */
  guint       recovery;   /* index of the recovery-taken */
  const char *step;
  const char *injected;
  const char *reported;
} WrongRecovery;

typedef struct {
  GpScenario  *scenario;
  GpFlow      *flow;
  GPtrArray   *events;    /* GpEvent */
  gint64       start_mono;
  GpEvent     *ended;     /* nullable */
  const char  *current;   /* the step at the last event */
  GPtrArray   *trouble;   /* per event: what troubled the customer just before it, or NULL */
  GArray      *wrong;     /* WrongRecovery */
} Context;

/* A piece of expected practice judged: its status, the event that shows it (-1: none)
 * and the sentence that explains it (owned). */
typedef struct {
  GpScoreItemStatus status;
  int               seq_index;  /* -1: no event shows it */
  char             *text;
} Verdict;

/* Fills in start_mono, ended, current, trouble and wrong from the events. */
void         gp_score_fold            (Context            *ctx);
GpEvent     *gp_score_event_at        (Context            *ctx,
                                       guint               i);
GpEventType  gp_score_type_at         (Context            *ctx,
                                       guint               i);
/* Returns: (nullable): a string member of the event's payload */
const char  *gp_score_field           (GpEvent            *event,
                                       const char         *name);
/* Returns: (transfer full): "02:14" */
char        *gp_score_clock_text      (gint64              us);
/* Returns: (transfer full): the event's time from the scenario's start */
char        *gp_score_at              (Context            *ctx,
                                       guint               i);
const char  *gp_score_step_title      (Context            *ctx,
                                       const char         *step_id);
const char  *gp_score_offer_title     (Context            *ctx,
                                       const char         *step_id,
                                       const char         *offer_id);
Verdict      gp_score_judge           (Context            *ctx,
                                       GpScenarioPractice *practice);
/* Returns: (transfer full) */
char        *gp_score_practice_title  (Context            *ctx,
                                       GpScenarioPractice *practice);

G_END_DECLS
