/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-cobrowse-host-private.h"
#include "gp-cobrowse-peer-info-private.h"

/* The training classroom (issue 6, point 3): trainees join as observers with a reusable
 * classroom code and no knock; the trainer hands the driving to one of them at a time,
 * whose requests are then checked as the agent's.  Who drives follows the session's
 * driving-handed and driving-taken-back events (docs/protocol.md, "Classroom"). */

static void
burn_classroom_code (GpCobrowseHost *self)
{
  if (self->classroom_code == NULL)
    return;
  g_clear_pointer (&self->classroom_code, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_CLASSROOM_CODE]);
}

static gboolean
classroom_expired (GpCobrowseHost *self)
{
  return gp_cobrowse_host_now (self) - self->classroom_used > GP_COBROWSE_CODE_LIFETIME_US;
}

static gboolean
check_training (GpCobrowseHost  *self,
                const char      *what,
                GError         **error)
{
  GpSessionMode mode = gp_session_get_mode (self->session);

  if (mode == GP_SESSION_MODE_TRAINING)
    return TRUE;
  g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED,
               "%s belongs to training sessions only; this one is %s", what,
               gp_session_mode_to_string (mode));
  return FALSE;
}

const char *
gp_cobrowse_host_open_classroom (GpCobrowseHost  *self,
                                 guint            max_trainees,
                                 GError         **error)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);
  g_return_val_if_fail (max_trainees > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Nobody watches a real customer's session without the agent admitting them. */
  if (!check_training (self, "a classroom", error))
    return NULL;
  do
    {
      g_free (self->classroom_code);
      self->classroom_code = gp_cobrowse_code_generate (GP_COBROWSE_CODE_LENGTH);
    }
  while (self->code != NULL && strcmp (self->code, self->classroom_code) == 0);
  self->classroom_used = gp_cobrowse_host_now (self);
  self->classroom_failures = 0;
  self->classroom_max = MIN (max_trainees, GP_COBROWSE_MAX_TRAINEES);
  g_object_notify_by_pspec (G_OBJECT (self), gp_cobrowse_host_properties[PROP_CLASSROOM_CODE]);
  return self->classroom_code;
}

const char *
gp_cobrowse_host_get_classroom_code (GpCobrowseHost *self)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), NULL);

  if (self->classroom_code != NULL && classroom_expired (self))
    return NULL;
  return self->classroom_code;
}

void
gp_cobrowse_host_close_classroom (GpCobrowseHost *self)
{
  g_return_if_fail (GP_IS_COBROWSE_HOST (self));
  burn_classroom_code (self);
}

void
gp_cobrowse_host_expire_classroom (GpCobrowseHost *self)
{
  if (self->classroom_code != NULL && classroom_expired (self))
    burn_classroom_code (self);
}

void
gp_cobrowse_host_classroom_failure (GpCobrowseHost *self)
{
  if (self->classroom_code != NULL && ++self->classroom_failures >= GP_COBROWSE_CODE_MAX_FAILURES)
    burn_classroom_code (self);
}

/* The record says who drove by name: every trainee of this host has its own. */
static gboolean
name_taken (GpCobrowseHost *self,
            const char     *name)
{
  GListModel *peers = G_LIST_MODEL (self->peers);

  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (peers, i);

      if (gp_cobrowse_peer_info_get_trainee (info) && strcmp (gp_cobrowse_peer_info_get_name (info), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
unique_name (GpCobrowseHost *self,
             const char     *name)
{
  g_autofree char *base = gp_cobrowse_host_clean_name (name);
  char *candidate = g_strdup (*base != '\0' ? base : "Trainee");

  for (guint n = 2; name_taken (self, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)", *base != '\0' ? base : "Trainee", n);
    }
  return candidate;
}

void
gp_cobrowse_host_join_classroom (GpCobrowseHost *self,
                                 Connection     *c,
                                 GpCobrowseRole  role,
                                 const char     *name)
{
  g_autofree char *unique = NULL;
  g_autofree char *reason = NULL;

  if (role != GP_COBROWSE_ROLE_OBSERVER)
    {
      gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_FORBIDDEN,
                               "the classroom code is for trainees, who join as observers; ask for a join code");
      return;
    }
  if (g_hash_table_size (self->seated) >= self->classroom_max)
    {
      reason = g_strdup_printf ("the classroom is full: it takes %u trainees", self->classroom_max);
      gp_cobrowse_host_refuse (c, GP_COBROWSE_ERROR_FULL, reason);
      return;
    }
  self->classroom_used = gp_cobrowse_host_now (self);
  unique = unique_name (self, name);
  c->info = gp_cobrowse_peer_info_new (GP_COBROWSE_ROLE_OBSERVER, unique,
                                       g_object_get_data (G_OBJECT (c->connection), "gp-remote-address"));
  gp_cobrowse_peer_info_set_trainee (c->info);
  g_hash_table_add (self->seated, g_object_ref (c->info));
  gp_cobrowse_host_admit (self, c);
}

GpCobrowseRole
gp_cobrowse_host_acting_role (GpCobrowseHost     *self,
                              GpCobrowsePeerInfo *info)
{
  if (info != NULL && info == self->driving)
    return GP_COBROWSE_ROLE_AGENT;
  return gp_cobrowse_peer_info_get_role (info);
}

gboolean
gp_cobrowse_host_trainee_may (GpCobrowseHost      *self,
                              GpCobrowsePeerInfo  *info,
                              GpCobrowseAction     action,
                              GError             **error)
{
  const char *driving = gp_session_get_driving_trainee (self->session);

  if (info == NULL || !gp_cobrowse_peer_info_get_trainee (info) || info == self->driving)
    return TRUE;
  if (!gp_cobrowse_role_check (GP_COBROWSE_ROLE_AGENT, action, gp_session_get_driver (self->session), NULL))
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN,
                   "a trainee may not %s, even while driving", gp_cobrowse_action_to_string (action));
      return FALSE;
    }
  g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING,
               "a trainee may %s only while the trainer has handed it the driving; %s drives now",
               gp_cobrowse_action_to_string (action), driving != NULL ? driving : "the trainer");
  return FALSE;
}

static void
send_role (GpCobrowseHost     *self,
           GpCobrowsePeerInfo *info)
{
  Connection *c = g_hash_table_lookup (self->attached, info);
  JsonObject *message;

  if (c == NULL || c->state != CONNECTION_ADMITTED)
    return;
  message = gp_cobrowse_message_new ("role");
  json_object_set_string_member (message, "role",
                                 gp_cobrowse_role_to_string (gp_cobrowse_host_acting_role (self, info)));
  gp_cobrowse_host_send_message (c, message);
}

void
gp_cobrowse_host_driving_changed (GpCobrowseHost *self,
                                  GpEvent        *event)
{
  g_autoptr(GpCobrowsePeerInfo) before = g_steal_pointer (&self->driving);

  /* Handed by gp_cobrowse_host_hand_driving(): to that trainee.  Recorded some other way
   * (the name alone), no peer is given the agent's role. */
  if (gp_event_get_event_type (event) == GP_EVENT_DRIVING_HANDED && self->handing != NULL)
    self->driving = g_object_ref (self->handing);
  if (before == self->driving)
    return;
  if (before != NULL)
    {
      /* A question about driving it asked has nobody to answer to any more. */
      if (self->consent != NULL && self->consent->requester != NULL && self->consent->requester->info == before)
        gp_cobrowse_host_withdraw_consent (self, TRUE, "the trainer took the driving back");
      gp_cobrowse_peer_info_set_driving (before, FALSE);
      send_role (self, before);
    }
  if (self->driving != NULL)
    {
      gp_cobrowse_peer_info_set_driving (self->driving, TRUE);
      send_role (self, self->driving);
    }
}

gboolean
gp_cobrowse_host_hand_driving (GpCobrowseHost      *self,
                               GpCobrowsePeerInfo  *trainee,
                               GError             **error)
{
  gboolean handed;

  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), FALSE);
  g_return_val_if_fail (GP_IS_COBROWSE_PEER_INFO (trainee), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_training (self, "handing the driving to a trainee", error))
    return FALSE;
  if (!g_hash_table_contains (self->seated, trainee))
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "%s is not a trainee of this classroom: only trainees who joined with the classroom code drive",
                   gp_cobrowse_peer_info_get_name (trainee));
      return FALSE;
    }
  if (g_hash_table_lookup (self->attached, trainee) == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NO_COUNTERPART,
                   "%s is not connected now", gp_cobrowse_peer_info_get_name (trainee));
      return FALSE;
    }
  self->handing = trainee;
  handed = gp_session_hand_driving (self->session, GP_ACTOR_TRAINER, gp_cobrowse_peer_info_get_name (trainee), error);
  self->handing = NULL;
  return handed;
}

gboolean
gp_cobrowse_host_take_back_driving (GpCobrowseHost  *self,
                                    GError         **error)
{
  g_return_val_if_fail (GP_IS_COBROWSE_HOST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_training (self, "taking the driving back", error) &&
         gp_session_take_back_driving (self->session, GP_ACTOR_TRAINER, error);
}

/* Takes the driving back from a trainee who cannot drive any more; after the end of the
 * session nothing can be recorded, and only the host forgets. */
static void
driver_gone (GpCobrowseHost *self,
             const char     *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCobrowsePeerInfo) gone = NULL;

  if (self->driving == NULL)
    return;
  g_debug ("Taking the driving back: %s", why);
  if (gp_session_take_back_driving (self->session, GP_ACTOR_TRAINER, &error))
    return;
  g_debug ("The driving is not taken back in the record: %s", error->message);
  gone = g_steal_pointer (&self->driving);
  gp_cobrowse_peer_info_set_driving (gone, FALSE);
}

void
gp_cobrowse_host_trainee_bye (GpCobrowseHost *self,
                              Connection     *c)
{
  if (c->info == NULL || !g_hash_table_contains (self->seated, c->info))
    return;
  /* Left for good: the seat is free, and the token cannot bring it back. */
  g_hash_table_remove (self->tokens, c->info);
  g_hash_table_remove (self->seated, c->info);
}

void
gp_cobrowse_host_trainee_detached (GpCobrowseHost *self,
                                   Connection     *c)
{
  if (c->info != NULL && c->info == self->driving && g_hash_table_lookup (self->attached, c->info) == NULL)
    driver_gone (self, "the trainee who drove disconnected");
}

void
gp_cobrowse_host_end_classroom (GpCobrowseHost *self)
{
  driver_gone (self, "co-browsing ends");
  burn_classroom_code (self);
}
