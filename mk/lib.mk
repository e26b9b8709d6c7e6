# Shared host helpers under tools/lib: unit test and fuzz target.

LIB_TEST := $(BUILD)/tests/tj_json_test
LIB_FUZZ := $(BUILD)/fuzz/fuzz_tj_json

$(LIB_TEST): tests/lib/tj_json_test.c $(TOOLS_LIB_SRCS) tools/lib/*.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(TOOLS_LIB_INC) -o $@ \
	    tests/lib/tj_json_test.c $(TOOLS_LIB_SRCS)

$(LIB_FUZZ): tests/fuzz/lib/fuzz_tj_json.c $(TOOLS_LIB_SRCS) tools/lib/*.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(FUZZ_FLAGS) $(TOOLS_LIB_INC) -o $@ \
	    tests/fuzz/lib/fuzz_tj_json.c $(TOOLS_LIB_SRCS)

.PHONY: test-lib test-lib-fuzz
TEST_TARGETS += test-lib test-lib-fuzz

test-lib: $(LIB_TEST)
	@$(TEST_STEP) $(TEST_LOGS) lib-tj-json $(LIB_TEST)

test-lib-fuzz: $(LIB_FUZZ)
	@$(TEST_STEP) $(TEST_LOGS) lib-tj-json-fuzz $(LIB_FUZZ) -runs=200000 \
	    -max_len=512 -seed=1
