/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <guidepost/gp-session.h>
#include <guidepost/gp-cobrowse-protocol.h>

G_BEGIN_DECLS

/* The joining side of co-browsing (customer, second agent, trainer, observer): connects
 * to a host (or a relay room), knocks with the join code, keeps a mirror of the host's
 * session that applies each event the host sends, sends requests, and reconnects by
 * itself after a drop, receiving exactly the events it missed.
 *
 * Signals:
 *  ::pointer (const char *step, const char *element): the agent points at an element.
 *  ::consent-requested (guint id, const char *action, const char *from): the other side
 *      asks to take over or hand back; answer with gp_cobrowse_peer_answer_consent().
 * Properties: state, session (the mirror, NULL until welcomed), role (as the host checks
 * requests now: the role joined with, or the agent's for a trainee handed the driving). */

typedef enum {
  GP_COBROWSE_PEER_STATE_CONNECTING,   /* first connection, or knocking for admission */
  GP_COBROWSE_PEER_STATE_WAITING,      /* the code was right: the agent decides */
  GP_COBROWSE_PEER_STATE_CONNECTED,    /* welcomed: the mirror follows the host */
  GP_COBROWSE_PEER_STATE_RECONNECTING, /* the connection dropped: trying again */
  GP_COBROWSE_PEER_STATE_CLOSED,       /* for good: see gp_cobrowse_peer_get_close_error() */
} GpCobrowsePeerState;

#define GP_TYPE_COBROWSE_PEER_STATE (gp_cobrowse_peer_state_get_type ())
GType gp_cobrowse_peer_state_get_type (void) G_GNUC_CONST;

#define GP_TYPE_COBROWSE_PEER (gp_cobrowse_peer_get_type ())

G_DECLARE_FINAL_TYPE (GpCobrowsePeer, gp_cobrowse_peer, GP, COBROWSE_PEER, GObject)

/* @uri: the address the agent gave, "ws://HOST:PORT/guidepost" (or wss://, or a relay
 * room's address); @code: the join code; @name: (nullable): shown to the agent */
GpCobrowsePeer      *gp_cobrowse_peer_new           (const char      *uri,
                                                     const char      *code,
                                                     GpCobrowseRole   role,
                                                     const char      *name);
/* Accept this (self-signed) certificate for wss://; without it the system's CAs decide. */
void                 gp_cobrowse_peer_set_accepted_certificate (GpCobrowsePeer  *self,
                                                                GTlsCertificate *certificate);
void                 gp_cobrowse_peer_connect       (GpCobrowsePeer  *self);
GpCobrowsePeerState  gp_cobrowse_peer_get_state     (GpCobrowsePeer  *self);
/* The role the host checks this peer's requests as now (notify::role): the role it
 * joined with, except for a trainee the trainer handed the driving (agent). */
GpCobrowseRole       gp_cobrowse_peer_get_role      (GpCobrowsePeer  *self);
/* Returns: (transfer none) (nullable): the mirror of the host's session */
GpSession           *gp_cobrowse_peer_get_session   (GpCobrowsePeer  *self);
/* Returns: (nullable): why the peer closed (refused, bad code, the host ended ...) */
const GError        *gp_cobrowse_peer_get_close_error (GpCobrowsePeer *self);
/* Asks the host for @action with @args (nullable); finishes when the host answered.
 * The events it causes arrive in the mirror before the answer. */
void                 gp_cobrowse_peer_request       (GpCobrowsePeer      *self,
                                                     const char          *action,
                                                     JsonObject          *args,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* Returns: FALSE with a GP_COBROWSE_ERROR or GP_SESSION_ERROR when refused or cut off */
gboolean             gp_cobrowse_peer_request_finish (GpCobrowsePeer  *self,
                                                      GAsyncResult    *result,
                                                      GError         **error);
void                 gp_cobrowse_peer_answer_consent (GpCobrowsePeer *self,
                                                      guint           id,
                                                      gboolean        granted);
/* Joins again with a new code, keeping the mirror: after the host restarted (from its
 * journal) it knows no tokens; the peer receives only the events it missed.
 * @uri: (nullable): a new address, or NULL to keep the old one */
void                 gp_cobrowse_peer_rejoin        (GpCobrowsePeer  *self,
                                                     const char      *uri,
                                                     const char      *code);
/* Leaves for good (says bye). */
void                 gp_cobrowse_peer_close         (GpCobrowsePeer  *self);

G_END_DECLS
