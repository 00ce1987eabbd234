/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_FAILURE (gp_failure_get_type ())

G_DECLARE_FINAL_TYPE (GpFailure, gp_failure, GP, FAILURE, GObject)

/* Something that can go wrong at a step, and how to recover from it. */
const char     *gp_failure_get_id              (GpFailure *self);
GpFailureCause  gp_failure_get_cause           (GpFailure *self);
const char     *gp_failure_get_symptom         (GpFailure *self);
const char     *gp_failure_get_explanation     (GpFailure *self);
const char     *gp_failure_get_say             (GpFailure *self);
const char     *gp_failure_get_recovery_id     (GpFailure *self);
/* Returns: the retry limit, or 0 when the flow sets none */
guint           gp_failure_get_retry_limit     (GpFailure *self);
gboolean        gp_failure_has_escalation      (GpFailure *self);
const char     *gp_failure_get_escalate_to     (GpFailure *self);
GpPriority      gp_failure_get_escalate_priority (GpFailure *self);
const char     *gp_failure_get_escalate_reason (GpFailure *self);
JsonObject     *gp_failure_get_extensions      (GpFailure *self);

G_END_DECLS
