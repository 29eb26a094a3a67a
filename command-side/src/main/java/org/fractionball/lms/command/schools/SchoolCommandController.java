package org.fractionball.lms.command.schools;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.ids.IntegerIds;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Contract §5.3 (and §5.7 CRUD): schools are registered, changed and deleted by ADMINs. */
@RestController
@Tag(name = "Schools")
public class SchoolCommandController {
    static final String MODEL = "School";

    private final CommandSender commands;
    private final IntegerIds ids;
    private final UserRegistry users;

    public SchoolCommandController(CommandSender commands, IntegerIds ids, UserRegistry users) {
        this.commands = commands;
        this.ids = ids;
        this.users = users;
    }

    @Operation(summary = "Register a school")
    @PostMapping({"/api/schools/", "/api/admin/schools/"})
    public ResponseEntity<Object> register(@RequestBody(required = false) JsonNode body) {
        RequestFields fields = RequestFields.of(body, false);
        String name = fields.string("name", true, 200, false);
        String domain = fields.string("domain", true, 100, false);
        String address = fields.string("address", false, Integer.MAX_VALUE, true);
        String phone = fields.string("phone", false, 20, true);
        Boolean active = fields.bool("is_active");
        fields.validate();
        long schoolId = ids.nextSchoolId();
        RegisterSchool command = new RegisterSchool(schoolId, name, domain, orEmpty(address), orEmpty(phone),
                active == null || active);
        return commands.send(command.aggregateId(), command, MODEL, 201,
                (SchoolState state) -> SchoolResponse.of(state, 0));
    }

    @Operation(summary = "Replace a school's fields")
    @PutMapping({"/api/schools/{id}/", "/api/admin/schools/{id}/"})
    public ResponseEntity<Object> replace(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body) {
        return change(PathIds.integer(id), RequestFields.of(body, false));
    }

    @Operation(summary = "Change some of a school's fields")
    @PatchMapping({"/api/schools/{id}/", "/api/admin/schools/{id}/"})
    public ResponseEntity<Object> patch(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body) {
        return change(PathIds.integer(id), RequestFields.of(body, true));
    }

    @Operation(summary = "Delete a school")
    @DeleteMapping({"/api/schools/{id}/", "/api/admin/schools/{id}/"})
    public ResponseEntity<Object> delete(@PathVariable("id") String id) {
        long schoolId = PathIds.integer(id);
        return commands.send(AggregateIds.school(schoolId), new DeleteSchool(schoolId), MODEL, 204, (Object ignored) -> null);
    }

    private ResponseEntity<Object> change(long schoolId, RequestFields fields) {
        String name = fields.string("name", true, 200, false);
        String domain = fields.string("domain", true, 100, false);
        String address = fields.string("address", false, Integer.MAX_VALUE, true);
        String phone = fields.string("phone", false, 20, true);
        Boolean active = fields.bool("is_active");
        fields.validate();
        ChangeSchoolDetails command = new ChangeSchoolDetails(schoolId, name, domain, address, phone, active);
        return commands.send(command.aggregateId(), command, MODEL, 200,
                (SchoolState state) -> SchoolResponse.of(state, users.countActiveUsers(schoolId)));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
