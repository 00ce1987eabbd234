/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-types.h>
#include <guidepost/gp-flow-error.h>
#include <guidepost/gp-diagnostic.h>
#include <guidepost/gp-json.h>
#include <guidepost/gp-flow.h>
#include <guidepost/gp-step.h>
#include <guidepost/gp-screen-element.h>
#include <guidepost/gp-choice.h>
#include <guidepost/gp-failure.h>
#include <guidepost/gp-offer.h>
#include <guidepost/gp-flow-loader.h>
#include <guidepost/gp-flow-library.h>
#include <guidepost/gp-journal-session.h>
#include <guidepost/gp-journal.h>
#include <guidepost/gp-event.h>
#include <guidepost/gp-event-sink.h>
#include <guidepost/gp-session.h>
#include <guidepost/gp-session-export.h>
#include <guidepost/gp-handoff.h>
#include <guidepost/gp-cobrowse-protocol.h>
#include <guidepost/gp-cobrowse-peer-info.h>
#include <guidepost/gp-cobrowse-host.h>
#include <guidepost/gp-cobrowse-peer.h>
#include <guidepost/gp-relay.h>
#include <guidepost/gp-scenario.h>
