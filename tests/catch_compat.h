#pragma once
// One include for Catch2 v3 (where installed) and v2.13 (Debian 12).
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_session.hpp>
#include <catch2/catch_test_macros.hpp>
#define SPORTELLO_CATCH3 1
#else
#include <catch2/catch.hpp>
#endif
