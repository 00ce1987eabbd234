/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-training-private.h"

/* One sentence to the trainee after an action (practice), or at the end (assessment). */

struct _GpTrainingFeedback
{
  GObject                 parent_instance;
  GpTrainingFeedbackKind  kind;
  char                   *text;
  char                   *criterion;
  guint64                 seq;
};

G_DEFINE_FINAL_TYPE (GpTrainingFeedback, gp_training_feedback, G_TYPE_OBJECT)

static void
gp_training_feedback_finalize (GObject *object)
{
  GpTrainingFeedback *self = GP_TRAINING_FEEDBACK (object);

  g_free (self->text);
  g_free (self->criterion);

  G_OBJECT_CLASS (gp_training_feedback_parent_class)->finalize (object);
}

static void
gp_training_feedback_class_init (GpTrainingFeedbackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_training_feedback_finalize;
}

static void
gp_training_feedback_init (GpTrainingFeedback *self)
{
}

GpTrainingFeedback *
gp_training_feedback_new (GpTrainingFeedbackKind  kind,
                          const char             *text,
                          const char             *criterion,
                          guint64                 seq)
{
  GpTrainingFeedback *self = g_object_new (GP_TYPE_TRAINING_FEEDBACK, NULL);

  self->kind = kind;
  self->text = g_strdup (text);
  self->criterion = g_strdup (criterion);
  self->seq = seq;
  return self;
}

GpTrainingFeedbackKind
gp_training_feedback_get_kind (GpTrainingFeedback *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_FEEDBACK (self), GP_TRAINING_FEEDBACK_GOOD);
  return self->kind;
}

const char *
gp_training_feedback_get_text (GpTrainingFeedback *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_FEEDBACK (self), NULL);
  return self->text;
}

const char *
gp_training_feedback_get_criterion (GpTrainingFeedback *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_FEEDBACK (self), NULL);
  return self->criterion;
}

guint64
gp_training_feedback_get_seq (GpTrainingFeedback *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_FEEDBACK (self), 0);
  return self->seq;
}
