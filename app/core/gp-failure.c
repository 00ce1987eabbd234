/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-flow-private.h"

G_DEFINE_FINAL_TYPE (GpFailure, gp_failure, G_TYPE_OBJECT)

static void
gp_failure_finalize (GObject *object)
{
  GpFailure *self = GP_FAILURE (object);

  g_free (self->id);
  g_free (self->symptom);
  g_free (self->explanation);
  g_free (self->say);
  g_free (self->recovery_id);
  g_free (self->escalate_to);
  g_free (self->escalate_reason);
  g_clear_pointer (&self->escalate_extensions, json_object_unref);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_failure_parent_class)->finalize (object);
}

static void
gp_failure_class_init (GpFailureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_failure_finalize;
}

static void
gp_failure_init (GpFailure *self)
{
  self->escalate_priority = GP_PRIORITY_NORMAL;
}

GpFailure *
gp_failure_new_empty (guint index)
{
  GpFailure *self = g_object_new (GP_TYPE_FAILURE, NULL);

  self->index = index;
  return self;
}

const char *
gp_failure_get_id (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->id;
}

GpFailureCause
gp_failure_get_cause (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), GP_FAILURE_CAUSE_CUSTOMER);
  return self->cause;
}

const char *
gp_failure_get_symptom (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->symptom;
}

const char *
gp_failure_get_explanation (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->explanation;
}

const char *
gp_failure_get_say (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->say;
}

const char *
gp_failure_get_recovery_id (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->recovery_id;
}

guint
gp_failure_get_retry_limit (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), 0);
  return self->retry_limit;
}

gboolean
gp_failure_has_escalation (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), FALSE);
  return self->has_escalation;
}

const char *
gp_failure_get_escalate_to (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->escalate_to;
}

GpPriority
gp_failure_get_escalate_priority (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), GP_PRIORITY_NORMAL);
  return self->escalate_priority;
}

const char *
gp_failure_get_escalate_reason (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->escalate_reason;
}

JsonObject *
gp_failure_get_extensions (GpFailure *self)
{
  g_return_val_if_fail (GP_IS_FAILURE (self), NULL);
  return self->extensions;
}
