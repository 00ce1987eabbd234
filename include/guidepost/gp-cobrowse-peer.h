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
/* The address the peer connects to (the last one given to gp_cobrowse_peer_rejoin()). */
const char          *gp_cobrowse_peer_get_uri       (GpCobrowsePeer  *self);
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
/* Coming back after the process died (docs/protocol.md): the peer's resumable state.
 *
 * gp_cobrowse_peer_save_state() returns {"format": "guidepost-peer-state/1", "uri",
 * "role" (as joined), "name" (or null), "token", "session", "flow" (the flow document the
 * host sent, as the mirror holds it), "events" (the mirror's events)}.  The token is a
 * secret: it is this peer's seat in the session, and whoever holds it can take the seat.
 * Keep the state where only the user can read it (gp_cobrowse_peer_save_state_file()
 * writes mode 0600).
 *
 * gp_cobrowse_peer_new_from_state() rebuilds the peer with its mirror and token; then
 * gp_cobrowse_peer_connect() sends hello with the token, the session and the last seq,
 * and the welcome brings exactly the events missed meanwhile (each applied once, with
 * ::event-applied on the mirror).  The host keeps a seat for as long as it runs, however
 * long the peer was away; a host that restarted does not know the token: the peer then
 * closes with GP_COBROWSE_ERROR_BAD_CODE and keeps its mirror for
 * gp_cobrowse_peer_rejoin() with a new code.  A wss:// certificate accepted before is not
 * part of the state: set it again.
 *
 * Returns: (transfer full) (nullable): the state, or NULL until the host welcomed the
 * peer (and while it joins again with a new code) */
JsonNode            *gp_cobrowse_peer_save_state    (GpCobrowsePeer  *self);
/* Returns: (transfer full) (nullable): a peer that is not connected yet, or NULL with a
 * GP_COBROWSE_ERROR_PROTOCOL naming the member that is wrong ("peer state: /token: missing") */
GpCobrowsePeer      *gp_cobrowse_peer_new_from_state (JsonNode       *state,
                                                      GError        **error);
/* The same with a file, replaced atomically (a kill leaves the old state or the new one),
 * mode 0600.  FALSE with GP_COBROWSE_ERROR_FAILED before the welcome, or a GFileError. */
gboolean             gp_cobrowse_peer_save_state_file (GpCobrowsePeer  *self,
                                                       const char      *path,
                                                       GError         **error);
/* Returns: (transfer full) (nullable): NULL with a GFileError when @path cannot be read,
 * or GP_COBROWSE_ERROR_PROTOCOL naming the file and the line:column or member */
GpCobrowsePeer      *gp_cobrowse_peer_new_from_state_file (const char  *path,
                                                           GError     **error);
/* Leaves for good (says bye). */
void                 gp_cobrowse_peer_close         (GpCobrowsePeer  *self);

G_END_DECLS
