/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-training-private.h"

/* One line of a training score: a piece of expected practice (points given or not, and
 * why) or a deduction.  Immutable once built by gp_training_score_compute(). */

struct _GpTrainingScoreItem
{
  GObject            parent_instance;
  char              *id;
  char              *title;
  char              *explanation;
  int                points;
  guint              possible;
  char              *criterion;
  guint64            seq;
  GpScoreItemStatus  status;
};

G_DEFINE_FINAL_TYPE (GpTrainingScoreItem, gp_training_score_item, G_TYPE_OBJECT)

static void
gp_training_score_item_finalize (GObject *object)
{
  GpTrainingScoreItem *self = GP_TRAINING_SCORE_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->explanation);
  g_free (self->criterion);

  G_OBJECT_CLASS (gp_training_score_item_parent_class)->finalize (object);
}

static void
gp_training_score_item_class_init (GpTrainingScoreItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_training_score_item_finalize;
}

static void
gp_training_score_item_init (GpTrainingScoreItem *self)
{
}

GpTrainingScoreItem *
gp_training_score_item_new (const char        *id,
                            const char        *title,
                            const char        *explanation,
                            int                points,
                            guint              possible,
                            const char        *criterion,
                            guint64            seq,
                            GpScoreItemStatus  status)
{
  GpTrainingScoreItem *self = g_object_new (GP_TYPE_TRAINING_SCORE_ITEM, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->explanation = g_strdup (explanation);
  self->points = points;
  self->possible = possible;
  self->criterion = g_strdup (criterion);
  self->seq = seq;
  self->status = status;
  return self;
}

const char *
gp_score_item_status_to_string (GpScoreItemStatus status)
{
  static const char * const names[] = { "given", "missed", "not-yet", "deduction" };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), NULL);
  return names[status];
}

const char *
gp_training_score_item_get_id (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), NULL);
  return self->id;
}

const char *
gp_training_score_item_get_title (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), NULL);
  return self->title;
}

const char *
gp_training_score_item_get_explanation (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), NULL);
  return self->explanation;
}

int
gp_training_score_item_get_points (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), 0);
  return self->points;
}

guint
gp_training_score_item_get_possible (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), 0);
  return self->possible;
}

const char *
gp_training_score_item_get_criterion (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), NULL);
  return self->criterion;
}

guint64
gp_training_score_item_get_seq (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), 0);
  return self->seq;
}

GpScoreItemStatus
gp_training_score_item_get_status (GpTrainingScoreItem *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE_ITEM (self), GP_SCORE_ITEM_MISSED);
  return self->status;
}
