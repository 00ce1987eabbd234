# The base flow of the broken corpus: valid, and without warnings.
import copy

BASE = {
  "format": "guidepost-flow/1",
  "id": "corpus-parking-permit",
  "version": "1.2.0",
  "locale": "en-GB",
  "title": "Renew a residents' parking permit",
  "service": {"name": "Council parking permits", "url": "https://permits.example.gov.uk/"},
  "summary": "Sign in, check the car and pay for another year of a residents' parking permit.",
  "goals": ["renew parking permit", "parking permit expired", "residents permit"],
  "prerequisites": ["The email address and password of the permit account", "A debit or credit card"],
  "estimated_minutes": 10,
  "start": "sign-in",
  "steps": [
    {
      "id": "sign-in",
      "kind": "screen",
      "title": "Sign in",
      "screen": {
        "heading": "Sign in to your permit account",
        "elements": [
          {"id": "email", "type": "field", "label": "Email address"},
          {"id": "password", "type": "field", "label": "Password", "secret": True},
          {"id": "sign-in-button", "type": "button", "label": "Sign in"}
        ]
      },
      "target": "email",
      "instruction": "Type the email address and password of your permit account, then press Sign in.",
      "why": "The council needs to know which permit is yours before it can renew it.",
      "talk": {
        "new": "First we sign in, so the website knows it is you. Start with your email address in the first box.",
        "familiar": "Sign in as usual, please."
      },
      "hints": [
        "It is the email address the council writes to about your permit.",
        "Type your email address in the first box and your password in the second, then press Sign in."
      ],
      "estimated_seconds": 60,
      "next": "choose-vehicle",
      "failures": [
        {
          "id": "wrong-password",
          "cause": "customer",
          "symptom": "Red box: \"Email address or password not recognised\"",
          "explanation": "A typing slip, or an old password.",
          "say": "That happens a lot. Let's try once more, slowly; the password is case-sensitive.",
          "recovery": "sign-in",
          "retry_limit": 3,
          "escalate": {"to": "Permit account support", "priority": "normal", "reason": "The customer cannot sign in after three tries."}
        },
        {
          "id": "site-down",
          "cause": "system",
          "symptom": "The page says \"Service temporarily unavailable\"",
          "explanation": "The permit website is down; it usually comes back within minutes.",
          "recovery": "sign-in",
          "retry_limit": 2,
          "escalate": {"to": "Parking services duty officer", "priority": "high"}
        }
      ]
    },
    {
      "id": "choose-vehicle",
      "kind": "question",
      "title": "Same car?",
      "instruction": "Ask whether the permit is for the same car as last year.",
      "why": "A different car needs its registration number on the permit.",
      "question": "Is the permit for the same car as last year?",
      "choices": [
        {"label": "Yes, the same car", "next": "confirm-identity"},
        {"label": "No, a different car", "next": "vehicle-details"},
        {"label": "I would rather do this by phone", "next": "escalated"}
      ],
      "hints": ["The registration number is on last year's permit."]
    },
    {
      "id": "vehicle-details",
      "kind": "screen",
      "title": "New car",
      "screen": {
        "heading": "Your vehicle",
        "elements": [
          {"id": "registration", "type": "field", "label": "Registration number"},
          {"id": "continue", "type": "button", "label": "Continue"}
        ]
      },
      "target": "registration",
      "instruction": "Type the registration number of the new car, then press Continue.",
      "why": "Wardens check permits by registration number.",
      "hints": ["The registration number is on the number plate and on the V5C logbook."],
      "next": "confirm-identity",
      "failures": [
        {
          "id": "registration-not-recognised",
          "cause": "customer",
          "symptom": "Red box: \"We cannot find this vehicle\"",
          "explanation": "A typing slip, or the car is in fact the one already on the permit.",
          "say": "Let's check: is it perhaps the same car as last year?",
          "recovery": "choose-vehicle",
          "retry_limit": 2
        }
      ]
    },
    {
      "id": "confirm-identity",
      "kind": "identity-check",
      "title": "Confirm identity",
      "instruction": "Ask for the date of birth and the first line of the address on the permit account.",
      "why": "Only the permit holder may renew it, so the council asks us to check.",
      "checks": ["Date of birth", "First line of the address"],
      "on_fail": "identity-failed",
      "next": "pay",
      "hints": ["The address is the one the permit is for."],
      "failures": [
        {
          "id": "details-forgotten",
          "cause": "customer",
          "symptom": "The customer cannot remember the address on the account.",
          "explanation": "The account may still have an old address.",
          "recovery": "identity-failed"
        }
      ]
    },
    {
      "id": "pay",
      "kind": "screen",
      "title": "Pay",
      "screen": {
        "heading": "Pay for your permit",
        "elements": [
          {"id": "card-number", "type": "field", "label": "Card number", "secret": True},
          {"id": "continue", "type": "button", "label": "Pay £60"}
        ]
      },
      "target": "card-number",
      "instruction": "Type the card number, then press Pay £60.",
      "why": "The permit costs £60 a year and starts once it is paid.",
      "hints": ["The card number is the long number on the front of the card."],
      "next": "done",
      "failures": [
        {
          "id": "card-declined",
          "cause": "customer",
          "symptom": "Red box: \"Your card was declined\"",
          "explanation": "A mistyped number, or the bank refused the payment.",
          "recovery": "pay",
          "retry_limit": 2,
          "escalate": {"to": "Payments team", "priority": "low"}
        },
        {
          "id": "site-down",
          "cause": "system",
          "symptom": "The page says \"Payment service unavailable\"",
          "explanation": "The payment provider is down.",
          "recovery": "pay",
          "retry_limit": 1,
          "escalate": {"to": "Payments team", "priority": "urgent", "reason": "Payments are failing for everyone."}
        }
      ],
      "offers": [
        {
          "id": "direct-debit",
          "title": "Renew automatically",
          "pitch": "The permit can renew itself every year by Direct Debit.",
          "benefit": "No more expired permits or fines.",
          "when": "on-complete"
        }
      ]
    },
    {
      "id": "done",
      "kind": "end",
      "title": "Permit renewed",
      "outcome": "completed",
      "offers": [
        {
          "id": "email-reminders",
          "title": "Email reminders",
          "pitch": "The council can email a reminder a month before the permit runs out.",
          "when": "on-enter",
          "after_failure": True
        }
      ]
    },
    {
      "id": "identity-failed",
      "kind": "info",
      "title": "Identity not confirmed",
      "instruction": "Explain that we cannot renew the permit today and that a colleague will call back.",
      "why": "Without a confirmed identity the council cannot change the permit.",
      "next": "escalated",
      "failures": [
        {
          "id": "customer-upset",
          "cause": "customer",
          "symptom": "The customer is upset and asks for a manager.",
          "explanation": "Being refused is frustrating, more so after a long call.",
          "say": "I understand. I will pass you to a colleague who can help further.",
          "recovery": "escalated"
        }
      ]
    },
    {
      "id": "escalated",
      "kind": "end",
      "title": "Passed to a colleague",
      "outcome": "escalated"
    }
  ]
}

def base():
    return copy.deepcopy(BASE)
